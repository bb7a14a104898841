// An HTTP answer read whole as bytes, for records and for checking what a device could receive.

export interface Download {
  status: number
  headers: Headers
  bytes: Uint8Array
}

/** GET `path` with `token` as the bearer, as the web app asks. */
export async function download(s: { readonly url: string }, path: string, token: string): Promise<Download> {
  const response = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  }
}

/** Whether `marker` (UTF-8) occurs anywhere in `bytes`: a frame, a stored update, an answer. */
export function bytesContain(bytes: Uint8Array, marker: string): boolean {
  return Buffer.from(bytes).includes(Buffer.from(marker, 'utf8'))
}
