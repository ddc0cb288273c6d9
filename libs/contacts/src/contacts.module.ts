import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContactIdentity } from './contact-identity.entity';
import { Contact } from './contact.entity';
import { ContactsService } from './contacts.service';

@Module({ imports: [TypeOrmModule.forFeature([Contact, ContactIdentity])], providers: [ContactsService], exports: [ContactsService] })
export class ContactsModule {}
