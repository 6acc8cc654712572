package io.volumegate.api;

import io.volumegate.auth.Keyring;
import io.volumegate.http.Exchange;
import io.volumegate.http.RequestContext;
import io.volumegate.s3.PercentDecoding;
import io.volumegate.s3.QueryParameters;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Instant;

/**
 * Serves share links, {@code /-/share/<bucket>/<key>?expires=..&sig=..}, to anyone holding
 * one, without credentials: the signature (see {@link ShareLinks}) must match the bucket and
 * key exactly as decoded from the raw URI and the expiry must lie ahead, else 403 with a JSON
 * reason. The object streams inline with its Content-Type, single ranges honoured, inside a
 * CSP sandbox so that shared HTML cannot run script in this server's origin.
 */
@WebServlet(urlPatterns = "/-/share/*", asyncSupported = true)
public class ShareServlet extends HttpServlet {
    @Inject
    Keyring keyring;
    @Inject
    Volume volume;
    @Inject
    IoExecutor io;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        Exchange exchange = new Exchange(request, response, ApiErrors::send);
        try {
            RequestContext.of(request).operation("SHARE_LINK");
            String method = request.getMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.setHeader("Allow", "GET, HEAD");
                throw new ApiException(405, "MethodNotAllowed", "Share links answer GET and HEAD only.");
            }
            String uri = request.getRequestURI().substring(request.getContextPath().length());
            if (!uri.startsWith(ShareLinks.PATH)) throw invalid();
            String rest = uri.substring(ShareLinks.PATH.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) throw invalid();
            String bucket = PercentDecoding.path(rest.substring(0, slash));
            String key = PercentDecoding.path(rest.substring(slash + 1));
            QueryParameters query = QueryParameters.parse(request.getQueryString());
            String expiresText = query.get("expires");
            String signature = query.get("sig");
            if (expiresText == null || signature == null || !expiresText.matches("\\d{1,12}")) throw invalid();
            long expires = Long.parseLong(expiresText);
            if (!ShareLinks.verify(keyring.shareLinkKey(), bucket, key, expires, signature)) throw invalid();
            if (Instant.now().getEpochSecond() >= expires) {
                throw new ApiException(403, "ExpiredShareLink", "This share link expired at "
                        + Instant.ofEpochSecond(expires) + "; ask for a new one.");
            }
            ApiKeys.validate(key); // never signed for a bad key; refused all the same
            response.setHeader("Content-Security-Policy", "sandbox");
            response.setHeader("Cache-Control", "private, max-age=0");
            response.setHeader("Referrer-Policy", "no-referrer");
            exchange.runOn(io, () -> ObjectResponses.send(exchange, volume.bucket(bucket).open(key), ObjectResponses.Disposition.INLINE));
        } catch (Exception failure) {
            exchange.fail(failure);
        }
    }

    private static ApiException invalid() {
        return new ApiException(403, "InvalidShareLink",
                "This share link is not valid: it was changed, or it was not made by this server.");
    }
}
