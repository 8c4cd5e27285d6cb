import { Module } from '@nestjs/common';
import { RatesModule } from '../rates/rates.module';
import { FeesController } from './fees.controller';
import { FeesService } from './fees.service';

/** POST /fees/preview: the fee engine on the payer's rate tables. */
@Module({ imports: [RatesModule], controllers: [FeesController], providers: [FeesService], exports: [FeesService] })
export class FeesModule {}
