import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FIELD_CIPHER, FieldCipher } from './field-cipher';

@Global()
@Module({
  providers: [{ provide: FIELD_CIPHER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FieldCipher(c.crypto.dataKey) }],
  exports: [FIELD_CIPHER],
})
export class CryptoModule {}
