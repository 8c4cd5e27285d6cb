import { Module } from '@nestjs/common';
import { PayingBodiesController } from '../paying-bodies/paying-bodies.controller';
import { NextYearRateTableTasks } from './next-year-tasks';
import { RatesController } from './rates.controller';
import { RatesRepository } from './rates.repository';
import { RatesService } from './rates.service';

/** Rate tables (/rate-tables) and paying bodies (/paying-bodies). */
@Module({ controllers: [RatesController, PayingBodiesController], providers: [RatesService, RatesRepository, NextYearRateTableTasks], exports: [RatesService] })
export class RatesModule {}
