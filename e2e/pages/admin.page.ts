import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** The API keys page (admins). */
export class ApiKeysPage {
  readonly table: Locator;
  readonly secret: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'API keys' });
    this.secret = page.getByTestId('new-key-secret');
  }

  async open(): Promise<void> {
    await this.page.goto('/api-keys');
    await expect(this.page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-key="${name}"]`);
  }

  async createSdkKey(name: string, environment: string): Promise<Response> {
    await this.page.getByRole('button', { name: 'New API key' }).click();
    const form = this.page.getByRole('form', { name: 'New API key' });
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('combobox', { name: 'Environment' }).click();
    await this.page.getByRole('option', { name: environment, exact: true }).click();
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/api-keys') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create key' }).click(),
    ]);
    return response;
  }

  async revoke(name: string): Promise<Response> {
    await this.row(name).getByRole('button', { name: 'Revoke' }).click();
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/api-keys/')),
      this.page
        .getByRole('dialog')
        .getByRole('button', { name: `Revoke ${name}` })
        .click(),
    ]);
    return response;
  }
}

/** The users page (admins). */
export class UsersPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Users' });
  }

  async open(): Promise<void> {
    await this.page.goto('/users');
    await expect(this.page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  }

  row(email: string): Locator {
    return this.table.locator(`tr[data-user="${email}"]`);
  }

  async create(email: string, password: string, role: string): Promise<Response> {
    await this.page.getByRole('button', { name: 'New user' }).click();
    const form = this.page.getByRole('form', { name: 'New user' });
    await form.getByRole('textbox', { name: 'Email' }).fill(email);
    await form.getByRole('textbox', { name: 'One-time password' }).fill(password);
    await form.getByRole('combobox', { name: 'Role' }).click();
    await this.page.getByRole('option', { name: role, exact: true }).click();
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      form.getByRole('button', { name: 'Create user' }).click(),
    ]);
    return response;
  }

  async setRole(email: string, role: string): Promise<Response> {
    await this.page.getByRole('combobox', { name: `Role of ${email}` }).click();
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'PATCH'),
      this.page.getByRole('option', { name: role, exact: true }).click(),
    ]);
    return response;
  }

  async setEnabled(email: string, enabled: boolean): Promise<Response> {
    const toggle = this.page.getByRole('switch', { name: `${email} enabled` });
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'PATCH'),
      // The switch follows the server's answer, not the click: click, then wait for the change to land.
      toggle.click({ force: true }),
    ]);
    await (enabled ? expect(toggle).toBeChecked() : expect(toggle).not.toBeChecked());
    return response;
  }
}
