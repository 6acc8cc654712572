package io.volumegate.access.policy;
public enum PolicyEffect { ALLOW, DENY, NONE }
