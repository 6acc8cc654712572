package io.volumegate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (python3 with boto3, the aws CLI, curl) against the test
 * server: its endpoint and the admin key pair in the environment, nothing of the machine's
 * own AWS setup. A program that is not installed gives exit code -1.
 */
final class ExternalCommand {
    private ExternalCommand() {}

    record Result(int exitCode, String output) {}

    static Result run(TestServer server, List<String> command, Path directory) throws Exception {
        List<String> full = new ArrayList<>(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("VOLUMEGATE_ENDPOINT", server.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", server.adminAccessKey());
        env.put("AWS_SECRET_ACCESS_KEY", server.adminSecretKey());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        // Nothing from the machine's own AWS setup may leak in.
        env.put("AWS_CONFIG_FILE", directory.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", directory.resolve("no-aws-credentials").toString());
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
