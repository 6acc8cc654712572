package io.volumegate.access.policy;
import java.util.*;
public record PolicyRequest(String action, String resource, Set<String> principals, Map<String, List<String>> context) {}
