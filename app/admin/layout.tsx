import type { Metadata } from "next";
import type { ReactNode } from "react";

// Guarding happens in each page (requireAdminPage): a layout is not re-rendered on every navigation.
export const metadata: Metadata = {
  title: "Admin · Intake",
  robots: { index: false, follow: false },
};

export default function AdminLayout({ children }: { children: ReactNode }) {
  return children;
}
