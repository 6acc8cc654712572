package io.volumegate.access.policy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * S3's meaning of "public" for a bucket policy (Block Public Access, "The meaning of public"): S3
 * assumes a statement that allows everyone is public unless a condition restricts it to fixed
 * values (no wildcard, no policy variable) of one of a few keys: {@code aws:SourceIp} with CIDR
 * blocks no broader than /8 (IPv4) or /32 (IPv6), or {@code aws:SourceArn}, {@code aws:SourceVpc},
 * {@code aws:SourceVpce}, {@code aws:SourceOwner}, {@code aws:SourceAccount},
 * {@code aws:PrincipalOrgID}, {@code aws:userid}, {@code s3:DataAccessPointArn},
 * {@code s3:DataAccessPointAccount}, {@code s3:x-amz-server-side-encryption-aws-kms-key-id}.
 * A condition that a request without the key passes ({@code ...IfExists}, {@code ForAllValues:})
 * restricts nothing.
 */
final class PublicAccess {
    private static final String SOURCE_IP = "aws:sourceip";
    private static final Set<String> FIXED_VALUE_KEYS = Set.of("aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce",
            "aws:sourceowner", "aws:sourceaccount", "aws:principalorgid", "aws:userid", "s3:dataaccesspointarn",
            "s3:dataaccesspointaccount", "s3:x-amz-server-side-encryption-aws-kms-key-id");
    private static final Set<ConditionOperator> EQUALITY = EnumSet.of(ConditionOperator.STRING_EQUALS,
            ConditionOperator.STRING_EQUALS_IGNORE_CASE, ConditionOperator.STRING_LIKE, ConditionOperator.ARN_EQUALS,
            ConditionOperator.ARN_LIKE);
    private static final int NARROWEST_PUBLIC_V4 = 8;
    private static final int NARROWEST_PUBLIC_V6 = 32;

    private PublicAccess() {}

    /** Whether the condition keeps the public out: it admits only requests with fixed values. */
    static boolean restricts(Condition condition) {
        ConditionType type = condition.type();
        if (type.ifExists() || type.qualifier() == SetQualifier.FOR_ALL_VALUES) return false;
        String key = condition.key().toLowerCase(Locale.ROOT);
        if (key.equals(SOURCE_IP)) {
            return type.operator() == ConditionOperator.IP_ADDRESS && condition.values().stream().allMatch(PublicAccess::narrow);
        }
        return FIXED_VALUE_KEYS.contains(key) && EQUALITY.contains(type.operator())
                && condition.values().stream().allMatch(PublicAccess::fixed);
    }

    private static boolean narrow(String block) {
        IpRange range = IpRange.parse(block);
        return range.prefixLength() >= (range.v6() ? NARROWEST_PUBLIC_V6 : NARROWEST_PUBLIC_V4);
    }

    private static boolean fixed(String value) {
        return !WildcardPattern.hasWildcard(value) && !value.contains("${");
    }
}
