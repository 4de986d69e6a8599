import { expect, type Locator, type Page } from '@playwright/test';

/** The services list of an environment. */
export class ServicesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly filter: Locator;
  readonly newService: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Services', level: 1 });
    this.table = page.getByRole('table', { name: 'Services' });
    this.filter = page.getByRole('textbox', { name: 'Filter services' });
    this.newService = page.getByRole('button', { name: 'New service' });
  }

  async open(env: string, query = ''): Promise<void> {
    await this.page.goto(`/env/${env}/services${query}`);
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async create(name: string, owner: string, tags: string[]): Promise<number> {
    await this.newService.click();
    const form = this.page.getByRole('form', { name: 'New service' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Owner').fill(owner);
    for (const tag of tags) {
      await form.getByLabel('Tags').fill(tag);
      await form.getByLabel('Tags').press('Enter');
    }
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/services') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create service' }).click(),
    ]);
    return response.status();
  }
}
