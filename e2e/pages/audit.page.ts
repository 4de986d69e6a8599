import { expect, type Locator, type Page } from '@playwright/test';

/** The audit log with its filters. */
export class AuditPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit events' });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/audit${query}`);
    await expect(this.page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  }

  rows(action?: string): Locator {
    return action ? this.table.locator(`tr[data-action="${action}"]`) : this.table.locator('tr[data-action]');
  }

  filter(label: 'Actor' | 'Resource' | 'Action'): Locator {
    return this.page.getByRole('textbox', { name: label });
  }
}
