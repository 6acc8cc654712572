package io.volumegate.s3.bucket;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.objects.ContinuationTokens;
import io.volumegate.objects.ObjectPage;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectSummary;
import io.volumegate.s3.ListEncoding;
import io.volumegate.s3.Principals;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.xml.CommonPrefix;
import io.volumegate.s3.xml.Contents;
import io.volumegate.s3.xml.ListBucketResult;
import io.volumegate.s3.xml.ListBucketResultV2;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** ListObjects (V1) and ListObjectsV2 over the bucket's folder tree, in S3 key order. */
@ApplicationScoped
public class ListOperations {
    private static final int MAX_KEYS = 1000;

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    Principals principals;

    public void listObjectsV2(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String token = query.get("continuation-token");
        String startAfter = query.getOrDefault("start-after", "");
        String resume = token != null ? ContinuationTokens.decode(token) : startAfter;
        ListQuery listQuery = listQuery(query, resume);
        UnaryOperator<String> encode = ListEncoding.from(query);
        boolean fetchOwner = "true".equals(query.get("fetch-owner"));

        exchange.runOn(io, () -> {
            ObjectPage page = objects.list(request.bucket(), listQuery);
            ListBucketResultV2 result = new ListBucketResultV2();
            result.Name = request.bucket();
            result.Prefix = encode.apply(listQuery.prefix());
            result.MaxKeys = listQuery.maxKeys();
            result.Delimiter = listQuery.delimiter().isEmpty() ? null : encode.apply(listQuery.delimiter());
            result.EncodingType = query.get(ListEncoding.PARAMETER);
            result.IsTruncated = page.truncated();
            result.ContinuationToken = token;
            result.StartAfter = startAfter.isEmpty() ? null : encode.apply(startAfter);
            if (page.truncated()) result.NextContinuationToken = ContinuationTokens.encode(page.lastReturned());
            result.contents = contents(page.objects(), encode, fetchOwner);
            result.commonPrefixes = prefixes(page.commonPrefixes(), encode);
            result.KeyCount = page.count();
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    public void listObjectsV1(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String marker = query.getOrDefault("marker", "");
        ListQuery listQuery = listQuery(query, marker);
        UnaryOperator<String> encode = ListEncoding.from(query);

        exchange.runOn(io, () -> {
            ObjectPage page = objects.list(request.bucket(), listQuery);
            ListBucketResult result = new ListBucketResult();
            result.Name = request.bucket();
            result.Prefix = encode.apply(listQuery.prefix());
            result.Marker = encode.apply(marker);
            result.MaxKeys = listQuery.maxKeys();
            result.Delimiter = listQuery.delimiter().isEmpty() ? null : encode.apply(listQuery.delimiter());
            result.EncodingType = query.get(ListEncoding.PARAMETER);
            result.IsTruncated = page.truncated();
            // As S3: NextMarker only with a delimiter; otherwise clients resume after the last key.
            if (page.truncated() && !listQuery.delimiter().isEmpty()) result.NextMarker = encode.apply(page.lastReturned());
            result.contents = contents(page.objects(), encode, true);
            result.commonPrefixes = prefixes(page.commonPrefixes(), encode);
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    private static ListQuery listQuery(QueryParameters query, String resumeAfter) {
        return new ListQuery(query.getOrDefault("prefix", ""), query.getOrDefault("delimiter", ""), resumeAfter, maxKeys(query));
    }

    /** max-keys as S3 reads it: at most 1000, whatever the client asks. */
    static int maxKeys(QueryParameters query) {
        String value = query.get("max-keys");
        if (value == null) return MAX_KEYS;
        try {
            int maxKeys = Integer.parseInt(value.trim());
            if (maxKeys < 0) throw new NumberFormatException();
            return Math.min(maxKeys, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw S3Error.INVALID_ARGUMENT.exception("Provided max-keys not an integer or within integer range");
        }
    }

    private List<Contents> contents(List<ObjectSummary> objects, UnaryOperator<String> encode, boolean withOwner) {
        List<Contents> contents = new java.util.ArrayList<>(objects.size());
        for (ObjectSummary object : objects) {
            Contents entry = new Contents();
            entry.Key = encode.apply(object.key());
            entry.LastModified = HttpDates.iso8601(object.lastModified());
            entry.ETag = object.etag();
            entry.Size = object.size();
            if (withOwner) entry.Owner = principals.owner(object.owner());
            contents.add(entry);
        }
        return contents;
    }

    private static List<CommonPrefix> prefixes(List<String> prefixes, UnaryOperator<String> encode) {
        return prefixes.stream().map(prefix -> new CommonPrefix(encode.apply(prefix))).toList();
    }
}
