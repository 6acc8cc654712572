package io.volumegate.access.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The condition keys a bucket policy may test. S3 accepts any global key ({@code aws:...}: it
 * does not check those) and the {@code s3:} keys of the Service Authorization Reference; any other
 * key, a misspelt {@code s3:x-acl} or another service's, it refuses as "Policy has an invalid
 * condition key". Names are case-insensitive, as everywhere in IAM.
 */
final class ConditionKeys {
    private static final String GLOBAL = "aws:";
    private static final String S3 = "s3:";
    private static final Set<String> S3_KEYS = Set.of(
            "accessgrantscope", "accessgrantsinstancearn", "accessgrantslocationscope", "accesspointnetworkorigin",
            "dataaccesspointaccount", "dataaccesspointarn", "existingjoboperation", "existingjobpriority",
            "inventoryaccessibleoptionalfields", "jobsuspendedcause", "objectcreationoperation", "requestjoboperation",
            "requestjobpriority", "requestobjecttagkeys", "resourceaccount", "tlsversion", "annotation-prefix",
            "authtype", "delimiter", "deliverysourcearn", "destinationregion", "if-match", "if-none-match",
            "isreplicationpauserequest", "locationconstraint", "logtype", "max-annotation-results", "max-keys",
            "object-lock-legal-hold", "object-lock-mode", "object-lock-remaining-retention-days",
            "object-lock-retain-until-date", "prefix", "resourcearnbeingauthorized", "signatureage",
            "signatureversion", "versionid", "x-amz-acl", "x-amz-bucket-namespace", "x-amz-content-sha256",
            "x-amz-copy-source", "x-amz-grant-full-control", "x-amz-grant-read", "x-amz-grant-read-acp",
            "x-amz-grant-write", "x-amz-grant-write-acp", "x-amz-metadata-directive",
            "x-amz-object-annotation-directive", "x-amz-object-if-match", "x-amz-object-ownership",
            "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-customer-algorithm", "x-amz-storage-class",
            "x-amz-website-redirect-location");
    /** Keys named after a tag: {@code s3:ExistingObjectTag/<tag key>} and the like. */
    private static final List<String> S3_TAG_KEYS = List.of(
            "existingobjecttag/", "requestobjecttag/", "buckettag/", "accesspointtag/");

    private ConditionKeys() {}

    static boolean isValid(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(GLOBAL)) return lower.length() > GLOBAL.length();
        if (!lower.startsWith(S3)) return false;
        String name = lower.substring(S3.length());
        if (S3_KEYS.contains(name)) return true;
        for (String tagKey : S3_TAG_KEYS) {
            if (name.startsWith(tagKey) && name.length() > tagKey.length()) return true;
        }
        return false;
    }
}
