import { expect, type Locator, type Page } from '@playwright/test';

/** The breakers of one service in one environment. */
export class BreakersPage {
  readonly table: Locator;
  readonly newBreaker: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Breakers' });
    this.newBreaker = page.getByRole('link', { name: 'New breaker' });
  }

  async open(env: string, service: string, query = ''): Promise<void> {
    await this.page.goto(`/env/${env}/services/${service}${query}`);
    await expect(this.page.getByRole('heading', { name: service, level: 1 })).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-breaker="${name}"]`);
  }
}
