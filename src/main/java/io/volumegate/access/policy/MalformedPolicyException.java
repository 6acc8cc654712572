package io.volumegate.access.policy;
public final class MalformedPolicyException extends RuntimeException { public MalformedPolicyException(String m) { super(m); } }
