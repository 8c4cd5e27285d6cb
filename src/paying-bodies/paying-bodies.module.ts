import { Module } from '@nestjs/common';
import { PayingBodySettingsController } from './paying-body-settings.controller';
import { PayingBodySettingsService } from './paying-body-settings.service';

/** A paying body's own settings (/paying-bodies/:code/settings, /payers/:payerCode/settings); payouts read them. */
@Module({ controllers: [PayingBodySettingsController], providers: [PayingBodySettingsService], exports: [PayingBodySettingsService] })
export class PayingBodiesModule {}
