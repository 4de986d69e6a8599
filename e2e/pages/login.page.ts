import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-in form. */
export class LoginPage {
  readonly form: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Sign in' });
    this.email = this.form.getByRole('textbox', { name: 'Email' });
    this.password = this.form.getByRole('textbox', { name: 'Password' });
    this.submit = this.form.getByRole('button', { name: 'Sign in' });
    this.error = this.form.getByRole('alert');
  }

  async open(path = '/login'): Promise<void> {
    await this.page.goto(path);
    await expect(this.form).toBeVisible();
  }

  /** Fills and submits the form; resolves with the HTTP status of the sign-in request. */
  async signIn(email: string, password: string): Promise<number> {
    await this.email.fill(email);
    await this.password.fill(password);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login')),
      this.submit.click(),
    ]);
    return response.status();
  }
}
