// Swagger UI over this server's OpenAPI document. Ours, in place of the webjar's (which loads
// a demo API); a file, not inline script, so the page's Content-Security-Policy can forbid that.
(function () {
  'use strict';
  // Relative to this script (/api/v1/docs/swagger-initializer.js): ../openapi.json is
  // /api/v1/openapi.json on whatever host, port and context path the page was loaded from.
  var openApi = new URL('../openapi.json', document.currentScript.src).href;

  var ui = SwaggerUIBundle({
    url: openApi,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // No request to the public validator service (the policy would refuse it anyway).
    validatorUrl: null,
    // The token stays in this page's memory only, as the console keeps it to its tab.
    persistAuthorization: false,
    // Signing in: a token that POST /auth/token answers here is put into Authorize at once,
    // so the next try-it-out carries it (Authorize → Logout forgets it; paste one there too).
    responseInterceptor: function (response) {
      try {
        if (response.ok && response.body && typeof response.body.token === 'string'
            && /\/auth\/token$/.test(new URL(response.url, document.baseURI).pathname)) {
          ui.preauthorizeApiKey('bearer', response.body.token);
        }
      } catch (ignored) {
        // an answer that is not the token's leaves the authorization as it was
      }
      return response;
    }
  });
  window.ui = ui;
}());
