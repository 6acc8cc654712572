package io.volumegate.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Prometheus scrape of {@code /-/metrics} as the operator's Prometheus makes it, and the
 * samples read back from the text format: shared by the Payara ({@link MetricsIT}) and the
 * Tomcat/WildFly ({@link ContainerRoundTripIT}) tests.
 */
final class PrometheusScrape {
    private PrometheusScrape() {
    }

    /** GET {@code metrics}, with {@code authorization} as the Authorization header unless null. */
    static HttpResponse<String> get(HttpClient http, URI metrics, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The scrape's text, asserting that it was served (200). */
    static String scrape(HttpClient http, URI metrics, String authorization) throws Exception {
        HttpResponse<String> response = get(http, metrics, authorization);
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** The sample's value, 0 when absent (a counter not yet incremented has no series). */
    static double value(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** How much the sample moved from one scrape to the next. */
    static double delta(String before, String after, String sample) {
        return value(after, sample) - value(before, sample);
    }
}
