import { InvalidError } from '@inbox/core';
import { InboundAttachment } from '@inbox/channels/contract';
import { AttachmentStorage } from '@inbox/storage';
import { InboundAttachmentDto } from './inbound.dto';

/**
 * Files sent in a JSON body (base64), each checked against the size limit
 * before any is stored, so a refused request leaves no stray files.
 */
export async function storeUploaded(
  storage: AttachmentStorage, maxBytes: number, attachments: InboundAttachmentDto[], field = 'attachments',
): Promise<InboundAttachment[]> {
  const decoded = attachments.map((a, index) => {
    const bytes = Buffer.from(a.contentBase64, 'base64');
    if (bytes.length > maxBytes) throw new InvalidError(`${field}.${index}.contentBase64`, `Attachment ${a.fileName} is larger than ${maxBytes} bytes`);
    return { a, bytes };
  });
  return Promise.all(decoded.map(async ({ a, bytes }) => ({
    storageKey: await storage.put(bytes, a.contentType), fileName: a.fileName, contentType: a.contentType, size: bytes.length,
  })));
}
