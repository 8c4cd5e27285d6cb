import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeAuthInOpenApi } from '../auth/openapi-auth';
import { describeErrorResponses } from './openapi-responses';
import { describeValidationInOpenApi } from './openapi-validation';
import { describeTextRulesInOpenApi } from './text-input';

/**
 * The API's OpenAPI document, from the controllers' and DTOs' metadata. Served at /api/docs by createApi, and
 * written without engines by scripts/openapi-types.ts, from which the web app's types are generated (issue 17).
 * Needs no connection: it reads only metadata of an app that has been created, not started.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Medverkan API')
      .setDescription('Patient- och närståendemedverkan i nationella arbetsgrupper (Rutin för patientmedverkan).')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  describeAuthInOpenApi(app, doc);
  describeValidationInOpenApi(app, doc);
  describeTextRulesInOpenApi(doc);
  describeErrorResponses(doc);
  return doc;
}
