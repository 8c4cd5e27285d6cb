import { BadRequestException, CallHandler, ExecutionContext, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { RECEIPT_MAX_BYTES } from './receipt-file';

const MulterReceipt = FileInterceptor('file', { limits: { fileSize: RECEIPT_MAX_BYTES, files: 1, fields: 5, parts: 10 } });

/**
 * Reads one receipt file (multipart field `file`, at most 10 MB, kept in memory: it goes to PostgreSQL) and
 * answers multer's refusals in Swedish.
 */
@Injectable()
export class ReceiptUploadInterceptor extends MulterReceipt {
  override async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(ctx, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) throw new PayloadTooLargeException('Filen är större än 10 MB.');
      if (e instanceof BadRequestException) {
        throw new BadRequestException({ message: 'Skicka ett kvitto som en fil i fältet "file" (multipart/form-data).', fields: { file: ['Ett kvitto per uppladdning.'] } });
      }
      throw e;
    }
  }
}
