import { errorResponse } from "@/lib/server-only/http";

export const dynamic = "force-dynamic";

/** Unknown API paths answer with the one error envelope, not an HTML page. */
const notFound = async () => errorResponse("NOT_FOUND", "No such API route.");

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
