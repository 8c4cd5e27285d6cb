import { Module } from '@nestjs/common';
import { MyRepresentationController, RepresentationController } from './representation.controller';
import { RepresentationService } from './representation.service';

/** Representativeness and workload (issue 19 #2); its repository is in src/database/repositories.ts. */
@Module({ controllers: [RepresentationController, MyRepresentationController], providers: [RepresentationService] })
export class RepresentationModule {}
