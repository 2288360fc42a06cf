import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, signInAsAdmin } from "./fixtures/admin";
import { seriousViolations } from "./fixtures/axe";
import { openDemoRound, signIn } from "./fixtures/round-page";

test("an admin page sends a visitor to the login page, and the admin password brings them back", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL("/admin/login?next=%2Fadmin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign-in" })).toBeVisible();
  await page.getByLabel("Admin password").fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Analytics" })).toHaveAttribute("href", "/admin/analytics");

  await page.getByRole("button", { name: "Sign out of admin" }).click();
  await expect(page).toHaveURL("/admin/login");
  await page.goto("/admin");
  await expect(page).toHaveURL("/admin/login?next=%2Fadmin");
});

test("a wrong password is refused with a message announced to screen readers", async ({ page }) => {
  await page.goto("/admin/login");
  const password = page.getByLabel("Admin password");
  await password.fill("not-the-admin-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Scoped to the form: Next's route announcer is an alert region too.
  const form = page.getByRole("form", { name: "Admin sign-in" });
  await expect(form.getByRole("alert")).toHaveText("Wrong admin password. Check it and try again.");
  await expect(password).toBeFocused();
  await expect(password).toHaveValue("");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/admin/login");

  expect(await seriousViolations(page)).toEqual([]);
});

test("an applicant is refused: admin pages say why, and admin APIs answer 403", async ({ page }) => {
  await openDemoRound(page);
  await signIn(page, "Curious applicant");
  const api = await page.request.get("/api/admin/session");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("FORBIDDEN");

  await page.goto("/admin");
  await expect(page).toHaveURL("/admin/login?next=%2Fadmin&reason=applicant");
  await expect(page.getByRole("status")).toContainText("You are signed in as an applicant");

  // Signing in as admin starts a fresh session: the applicant is signed out in this browser, not kept beside it.
  await signInAsAdmin(page);
  expect((await page.request.get("/api/admin/session")).status()).toBe(200);
  const session = await (await page.request.get("/api/session")).json();
  expect(session.applicant).toBeNull();
});
