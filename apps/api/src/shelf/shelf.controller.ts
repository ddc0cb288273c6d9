import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InvalidError } from '@inbox/core';
import { SHELF_FILE_MAX_BYTES, ShelfSearchQuery, ShelfService } from '@inbox/shelf';
import { Actor } from '@inbox/tenancy';
import { CurrentActor } from '../auth/auth.decorators';
import {
  ArticleDto, ArticleVersionDto, CategoryDto, CurrentVersionDto, DocumentDto, DocumentVersionDto, FeedbackListDto, ShelfListDto, ShelfSearchDto,
  UpdateCategoryDto, UpdateShelfItemDto,
} from './shelf.dto';

const Id = () => Param('id', ParseUUIDPipe);
/** One file per upload, bounded before it is read into memory; a larger one is refused with 413. */
const upload = () => FileInterceptor('file', { limits: { fileSize: SHELF_FILE_MAX_BYTES, files: 1, fields: 20, fieldSize: 500_000 } });

function fileOf(file: Express.Multer.File | undefined): { fileName: string; bytes: Buffer } {
  if (!file) throw new InvalidError('file', 'Attach the document (field "file")');
  // busboy reads UTF-8 file names as latin1 (expressjs/multer#1104).
  return { fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer };
}

function sendFile(response: Response, file: { fileName: string; contentType: string; bytes: Buffer }): void {
  response.type(file.contentType).attachment(file.fileName).set({ 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' }).send(file.bytes);
}

/**
 * The reference shelf: every member of staff reads and searches it; admins
 * and supervisors keep it (the service refuses others with 403).
 */
@ApiTags('shelf')
@ApiBearerAuth()
@Controller('shelf')
export class ShelfController {
  constructor(private readonly shelf: ShelfService, private readonly search: ShelfSearchQuery) {}

  @Get('categories') categories(@CurrentActor() actor: Actor) { return this.shelf.categories(actor); }
  @Post('categories') createCategory(@CurrentActor() actor: Actor, @Body() dto: CategoryDto) { return this.shelf.createCategory(actor, dto); }
  @Patch('categories/:id') updateCategory(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateCategoryDto) { return this.shelf.updateCategory(actor, id, dto); }
  @Delete('categories/:id') @HttpCode(204) removeCategory(@CurrentActor() actor: Actor, @Id() id: string) { return this.shelf.removeCategory(actor, id); }

  @Get('items') list(@CurrentActor() actor: Actor, @Query() query: ShelfListDto) { return this.shelf.list(actor, query); }
  /** Passages matching the words, each item once with its best passage. */
  @Get('search') find(@CurrentActor() actor: Actor, @Query() query: ShelfSearchDto) { return this.search.search(actor, query.q); }
  /** What the ticket seems to be about, from the shelf: 404 for a ticket the user cannot see (a complaint outside their case). */
  @Get('suggestions/:ticketId') suggestions(@CurrentActor() actor: Actor, @Param('ticketId', ParseUUIDPipe) ticketId: string) {
    return this.search.suggestions(actor, ticketId);
  }
  @Get('feedback') feedback(@CurrentActor() actor: Actor, @Query() query: FeedbackListDto) { return this.shelf.feedback(actor, query.itemId); }
  @Get('items/:id') get(@CurrentActor() actor: Actor, @Id() id: string) { return this.shelf.get(actor, id); }
  @Patch('items/:id') update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateShelfItemDto) { return this.shelf.updateItem(actor, id, dto); }
  @Post('items/:id/current') makeCurrent(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: CurrentVersionDto) { return this.shelf.makeCurrent(actor, id, dto.number); }

  @Get('items/:id/file') async file(@CurrentActor() actor: Actor, @Id() id: string, @Res() response: Response) {
    sendFile(response, await this.shelf.file(actor, id));
  }

  @Get('items/:id/versions/:number/file') async versionFile(
    @CurrentActor() actor: Actor, @Id() id: string, @Param('number', ParseIntPipe) number: number, @Res() response: Response,
  ) {
    sendFile(response, await this.shelf.file(actor, id, number));
  }

  @Post('articles') createArticle(@CurrentActor() actor: Actor, @Body() dto: ArticleDto) { return this.shelf.createArticle(actor, dto); }
  /** A new version of the article; the old one stays in its history. */
  @Post('articles/:id/versions') reviseArticle(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: ArticleVersionDto) {
    return this.shelf.reviseArticle(actor, id, dto);
  }

  @Post('documents') @ApiConsumes('multipart/form-data') @UseInterceptors(upload())
  createDocument(@CurrentActor() actor: Actor, @UploadedFile() file: Express.Multer.File | undefined, @Body() dto: DocumentDto) {
    return this.shelf.createDocument(actor, { ...dto, file: fileOf(file) });
  }

  @Post('documents/:id/versions') @ApiConsumes('multipart/form-data') @UseInterceptors(upload())
  reviseDocument(@CurrentActor() actor: Actor, @Id() id: string, @UploadedFile() file: Express.Multer.File | undefined, @Body() dto: DocumentVersionDto) {
    return this.shelf.reviseDocument(actor, id, { ...dto, file: fileOf(file) });
  }
}
