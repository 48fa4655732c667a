import { serveRendererFile } from '../core/static/serveRendererFile';
import { APP_HOST, APP_SCHEME } from './appOrigin';

/**
 * The handler given to protocol.handle(APP_SCHEME): files under rendererDir
 * for the app's own host, 404 for any other host of the scheme.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response(null, { status: 400 });
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 404 });
    return serveRendererFile(rendererDir, request);
  };
}
