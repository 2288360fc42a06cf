import { redirect } from "next/navigation";
import { AdminLoginForm } from "@/components/admin/admin-login-form";
import { ZAdminLoginQuery } from "@/lib/schemas/admin";
import { readAdminSession } from "@/lib/server-only/admin-auth";
import { type AdminRefusalReason, safeNextPath } from "@/lib/server-only/admin-session";

export const dynamic = "force-dynamic";

const notices: Record<AdminRefusalReason, string | null> = {
  anonymous: null,
  applicant:
    "You are signed in as an applicant, which does not open admin pages. Enter the admin password; signing in as admin signs this browser out as the applicant.",
  expired: "Your admin session has expired. Sign in again.",
  "password-changed": "The admin password has changed since you signed in. Sign in with the new one.",
};

/** The admin password form; an admin who is already signed in goes straight on. */
export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = ZAdminLoginQuery.parse(await searchParams);
  const next = safeNextPath(query.next);
  const { check } = await readAdminSession();
  if (check.ok) redirect(next);
  // What the session shows now outranks the hint in the URL.
  const reason = check.reason === "anonymous" ? (query.reason ?? "anonymous") : check.reason;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Admin sign-in</h1>
      <AdminLoginForm next={next} notice={notices[reason]} />
    </div>
  );
}
