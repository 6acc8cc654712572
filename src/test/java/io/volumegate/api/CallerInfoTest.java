package io.volumegate.api;

import io.volumegate.auth.Credential;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallerInfoTest {
    private static final Credential SCRIPT = new Credential("VGSCRIPT", "s3cr3t".getBytes(StandardCharsets.UTF_8), Set.of("data"),
            true, false);
    private static final PublicEndpoint ENDPOINT = PublicEndpoint.of("https://gate.example.com/s3");

    @Test
    void theReferencesFieldsForTheCallersOwnKeyPair() {
        CredentialResource.CallerInfo info = CredentialResource.CallerInfo.of(SCRIPT, ENDPOINT, "eu-west-1", true);
        assertEquals("VGSCRIPT", info.accessKeyId());
        assertEquals("s3cr3t", info.secretAccessKey());
        assertEquals("VGSCRIPT", info.username());
        assertEquals("volumegate", info.tenant());
        assertEquals("https://gate.example.com/s3", info.endpointUrl());
        assertEquals(List.of("data"), info.buckets());
        assertEquals(true, info.readOnly());
    }

    @Test
    void aDeploymentThatShowsSecretsOnlyOnceLeavesItOut() {
        CredentialResource.CallerInfo info = CredentialResource.CallerInfo.of(SCRIPT, ENDPOINT, "eu-west-1", false);
        assertNull(info.secretAccessKey());
        assertEquals("VGSCRIPT", info.accessKeyId());
        String json = new String(ApiJson.write(info), StandardCharsets.UTF_8);
        assertEquals(-1, json.indexOf("s3cr3t"), json);
    }
}
