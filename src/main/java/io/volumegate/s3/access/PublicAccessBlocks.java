package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.http.S3Error;
import io.volumegate.objects.BucketRules;
import io.volumegate.s3.xml.PublicAccessBlockConfiguration;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.BucketAccess.AccessBlock;

/**
 * A bucket's public access block: its PublicAccessBlockConfiguration document both ways, and
 * what its Block switches refuse. Blocking refuses the request that would make the bucket or
 * an object public (403 AccessDenied); what is public already stays so until changed (the
 * Ignore/Restrict switches are the authorizer's).
 */
public final class PublicAccessBlocks {
    private PublicAccessBlocks() {}

    /**
     * Refuses an ACL that grants to everybody or to every signed request when the bucket has
     * BlockPublicAcls: for Put Bucket/Object ACL, and for PutObject, CopyObject,
     * CreateMultipartUpload and POST Object with ACL headers or fields.
     *
     * @param acl the ACL the request asks for; null when it names none
     * @throws io.volumegate.http.S3Exception 403 AccessDenied
     */
    public static void requireAclAllowed(BucketRules rules, AccessControlList acl) {
        if (acl != null && rules.block().blockPublicAcls() && acl.isPublic()) {
            throw S3Error.ACCESS_DENIED.exception("The bucket's public access block (BlockPublicAcls) refuses public ACLs.");
        }
    }

    /** Refuses a public policy when the bucket has BlockPublicPolicy (403 AccessDenied). */
    static void requirePolicyAllowed(BucketRules rules, BucketPolicy policy) {
        if (rules.block().blockPublicPolicy() && policy.isPublic()) {
            throw S3Error.ACCESS_DENIED.exception("The bucket's public access block (BlockPublicPolicy) refuses public policies.");
        }
    }

    /** The switches of a PublicAccessBlockConfiguration; an absent one is off, a value that is no xs:boolean MalformedXML. */
    static AccessBlock parse(byte[] body) {
        PublicAccessBlockConfiguration document = S3Xml.read(body, PublicAccessBlockConfiguration.class);
        return new AccessBlock(flag(document.BlockPublicAcls), flag(document.IgnorePublicAcls), flag(document.BlockPublicPolicy),
                flag(document.RestrictPublicBuckets));
    }

    static byte[] document(AccessBlock block) {
        PublicAccessBlockConfiguration document = new PublicAccessBlockConfiguration();
        document.BlockPublicAcls = Boolean.toString(block.blockPublicAcls());
        document.IgnorePublicAcls = Boolean.toString(block.ignorePublicAcls());
        document.BlockPublicPolicy = Boolean.toString(block.blockPublicPolicy());
        document.RestrictPublicBuckets = Boolean.toString(block.restrictPublicBuckets());
        return S3Xml.write(document);
    }

    private static boolean flag(String text) {
        if (text == null) return false;
        return switch (text.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw S3Error.MALFORMED_XML.exception();
        };
    }
}
