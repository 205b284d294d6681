// Calls to the API through the gateway, on this page's own origin (/store-api/..., /payments-api/...).
// Every failure becomes an ApiError whose message is the API's `error` (logic.ts errorMessage).
import { errorMessage } from "./logic";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Answer<T> {
  status: number;
  data: T;
}

let onUnauthorized: (message: string) => void = () => {};

/** Who hears about a 401 (the app: back to the sign-in form, with the message). */
export function whenUnauthorized(listener: (message: string) => void) {
  onUnauthorized = listener;
}

export async function api<T = unknown>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...extraHeaders };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, errorMessage(0, null));
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const message = errorMessage(response.status, data);
    if (response.status === 401) onUnauthorized(message);
    throw new ApiError(response.status, message);
  }
  return { status: response.status, data: data as T };
}
