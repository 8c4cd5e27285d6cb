import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly service: HealthService) {}

  /** Reports whether PostgreSQL and Temporal answer. 200 when both do, 503 otherwise. */
  @Get()
  @ApiOkResponse({ description: 'Both engines answer.' })
  @ApiServiceUnavailableResponse({ description: 'At least one engine does not answer.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.service.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
