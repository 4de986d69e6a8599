import { expect, type Locator, type Page } from '@playwright/test';

/** The admin UI's system status page. */
export class StatusPage {
  readonly heading: Locator;
  readonly readiness: Locator;
  readonly dependencies: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'System status' });
    this.readiness = page.getByTestId('readiness');
    this.dependencies = page.getByRole('table', { name: 'Dependencies' });
  }

  async open(): Promise<void> {
    await this.page.goto('/status');
    await expect(this.heading).toBeVisible();
  }

  dependencyRow(name: string): Locator {
    return this.dependencies.getByRole('row').filter({ hasText: name });
  }
}
