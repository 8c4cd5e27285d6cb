import { Module } from '@nestjs/common';
import { PayingBodiesController } from '../paying-bodies/paying-bodies.controller';
import { RatesController } from './rates.controller';
import { RatesService } from './rates.service';

/** Rate tables (/rate-tables) and paying bodies (/paying-bodies). */
@Module({ controllers: [RatesController, PayingBodiesController], providers: [RatesService], exports: [RatesService] })
export class RatesModule {}
