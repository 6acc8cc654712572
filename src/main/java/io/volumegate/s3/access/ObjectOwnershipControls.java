package io.volumegate.s3.access;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.CannedAcl;
import io.volumegate.access.Grant;
import io.volumegate.access.Permission;
import io.volumegate.http.S3Error;
import io.volumegate.objects.BucketRules;
import io.volumegate.s3.xml.OwnershipControls;
import io.volumegate.s3.xml.S3Xml;

import java.util.List;
import java.util.Set;

/**
 * S3 Object Ownership: the OwnershipControls document both ways, and what BucketOwnerEnforced
 * refuses. With it ACLs are off: the bucket's owner owns every object, and a request may name
 * no ACL but the bucket owner's full control (S3 accepts that much so that old clients which
 * always send bucket-owner-full-control keep working).
 */
public final class ObjectOwnershipControls {
    private static final Set<String> VALUES = Set.of(BucketRules.BUCKET_OWNER_ENFORCED, BucketRules.BUCKET_OWNER_PREFERRED, "ObjectWriter");

    private ObjectOwnershipControls() {}

    /**
     * Refuses an ACL on a bucket whose ACLs are off, unless it is the bucket-owner-full-control
     * canned ACL or the same single grant spelt out: for Put Bucket/Object ACL, and for
     * PutObject, CopyObject, CreateMultipartUpload and POST Object.
     *
     * @param cannedAcl the {@code x-amz-acl} value; null when the request has none
     * @param acl       the ACL the request asks for; null when it names none
     * @throws io.volumegate.http.S3Exception 400 AccessControlListNotSupported
     */
    public static void requireAclAllowed(BucketRules rules, String cannedAcl, AccessControlList acl) {
        if (!rules.aclsDisabled() || acl == null) return;
        boolean ownerFullControl = cannedAcl != null ? cannedAcl.strip().equals(CannedAcl.BUCKET_OWNER_FULL_CONTROL.header())
                : acl.grants().equals(List.of(Grant.toUser(rules.owner(), Permission.FULL_CONTROL)));
        if (!ownerFullControl) throw S3Error.ACCESS_CONTROL_LIST_NOT_SUPPORTED.exception();
    }

    /**
     * Refuses to turn ACLs off while the bucket's ACL grants to anyone but its owner: S3 wants
     * those grants moved into a policy first, so nobody loses access unnoticed. For
     * PutBucketOwnershipControls, and for CreateBucket with {@code x-amz-object-ownership}.
     *
     * @throws io.volumegate.http.S3Exception 400 InvalidBucketAclWithObjectOwnership
     */
    public static void requireSettable(AccessControlList bucketAcl, String ownership) {
        if (BucketRules.BUCKET_OWNER_ENFORCED.equals(ownership) && !bucketAcl.isPrivate()) {
            throw S3Error.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP.exception();
        }
    }

    /**
     * The value of CreateBucket's {@code x-amz-object-ownership} header; null when it is absent.
     *
     * @throws io.volumegate.http.S3Exception 400 InvalidArgument for a value S3 does not know
     */
    public static String fromHeader(String header) {
        if (header == null) return null;
        String ownership = header.strip();
        if (!VALUES.contains(ownership)) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid x-amz-object-ownership header: " + abbreviate(ownership))
                    .with("ArgumentName", "x-amz-object-ownership");
        }
        return ownership;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    /** The ObjectOwnership of an OwnershipControls document: one Rule with a known value, or MalformedXML. */
    static String parse(byte[] body) {
        OwnershipControls document = S3Xml.read(body, OwnershipControls.class);
        if (document.Rules.size() != 1 || document.Rules.get(0) == null) throw S3Error.MALFORMED_XML.exception();
        String ownership = document.Rules.get(0).ObjectOwnership;
        if (ownership == null || !VALUES.contains(ownership.strip())) throw S3Error.MALFORMED_XML.exception();
        return ownership.strip();
    }

    static byte[] document(String ownership) {
        OwnershipControls document = new OwnershipControls();
        document.Rules.add(new OwnershipControls.Rule(ownership));
        return S3Xml.write(document);
    }
}
