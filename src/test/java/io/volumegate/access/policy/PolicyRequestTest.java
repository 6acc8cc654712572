package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyRequestTest {
    @Test
    void contextKeysAreLookedUpInAnyCase() {
        PolicyRequest request = new PolicyRequest("s3:GetObject", "arn:aws:s3:::b/k", Set.of(),
                Map.of("aws:SourceIp", List.of("203.0.113.7")));
        assertEquals(List.of("203.0.113.7"), request.values("AWS:SOURCEIP"));
        assertEquals(List.of("203.0.113.7"), request.context().get("aws:sourceip"));
        assertEquals(List.of(), request.values("aws:Referer"));
    }

    @Test
    void itIsACopyTheCallerCannotChange() {
        Set<String> principals = new HashSet<>(Set.of("alice"));
        List<String> values = new ArrayList<>(List.of("a"));
        Map<String, List<String>> context = new HashMap<>(Map.of("aws:Referer", values));
        PolicyRequest request = new PolicyRequest("s3:GetObject", "arn:aws:s3:::b/k", principals, context);
        principals.add("mallory");
        values.add("b");
        context.put("aws:UserAgent", List.of("x"));
        assertEquals(Set.of("alice"), request.principals());
        assertEquals(List.of("a"), request.values("aws:Referer"));
        assertTrue(request.values("aws:UserAgent").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> request.context().put("k", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> request.values("aws:Referer").add("c"));
    }

    @Test
    void actionAndResourceAreRequired() {
        assertThrows(NullPointerException.class, () -> new PolicyRequest(null, "arn:aws:s3:::b", Set.of(), Map.of()));
        assertThrows(NullPointerException.class, () -> new PolicyRequest("s3:GetObject", null, Set.of(), Map.of()));
    }
}
