// A controller that reaches past the service to the repository: lint must refuse the import.
import { WidgetsRepository } from './widgets.repository';

export class WidgetsController {
  constructor(private readonly widgets: WidgetsRepository) {}

  names(groupId: string): Promise<string[]> {
    return this.widgets.namesOfGroup(groupId);
  }
}
