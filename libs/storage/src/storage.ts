import { Global, Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppConfig, InvalidError } from '@inbox/core';

/** Where attachment bytes live. Local disk by default; an S3-compatible store implements the same two calls. */
export abstract class AttachmentStorage {
  abstract put(bytes: Buffer, contentType: string): Promise<string>;
  abstract get(key: string): Promise<Buffer>;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

@Injectable()
export class LocalDiskStorage extends AttachmentStorage {
  private readonly root: string;

  constructor(config: AppConfig) {
    super();
    this.root = resolve(config.DATA_DIR, 'attachments');
  }

  async put(bytes: Buffer): Promise<string> {
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes, { flag: 'wx' });
    return key;
  }

  get(key: string): Promise<Buffer> {
    // Keys are ours; anything else (../ and the like) never reaches the file system.
    if (!KEY.test(key)) throw new InvalidError('key', 'not an attachment key');
    return readFile(join(this.root, key));
  }
}

@Global()
@Module({ providers: [{ provide: AttachmentStorage, useClass: LocalDiskStorage }], exports: [AttachmentStorage] })
export class StorageModule {}
