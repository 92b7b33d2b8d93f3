package innomatch.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1, for `npm run neo4j` and the test setup.
 *
 * <p>Usage: {@code Launcher [--port 7687] [--data-dir <dir>] [--page-cache-mib 256] [--setting <key>=<value>]...
 * [--exit-on-stdin-close]}. Each {@code --setting} is a neo4j.conf line (e.g. {@code db.tx_log.rotation.size=256m}),
 * applied before the launcher's own settings; Neo4j rejects an unknown or malformed one at start.
 * Auth is off unless a password is given ({@code --password} or env {@code NEO4J_PASSWORD}); then user
 * {@code neo4j} gets that password. Prints exactly one line {@code NEO4J READY bolt://127.0.0.1:<port> (<ms> ms)}
 * once the database answers {@code RETURN 1}, then runs until SIGTERM/SIGINT (or, with
 * {@code --exit-on-stdin-close}, until its parent closes stdin, so a crashed parent leaves no orphan server).
 * Failures print {@code NEO4J FAILED <reason>} and exit 1. The embedded Community jars have no usage-report
 * (UDC) module, so there is nothing to switch off for that.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println("NEO4J FAILED " + e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(o.dataDir);

        DatabaseManagementService dbms;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(o.dataDir);
            if (!o.settings.isEmpty()) builder.loadPropertiesFromFile(writeSettings(o.dataDir, o.settings));
            dbms = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", o.port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, o.password != null)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(o.pageCacheMiB))
                    .setConfig(GraphDatabaseSettings.debug_log_enabled, false)
                    // Bolt's graceful close otherwise waits several seconds on SIGTERM; a dev/test server need not.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (RuntimeException e) {
            System.out.println("NEO4J FAILED " + rootMessage(e));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        try {
            if (o.password != null) {
                dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", o.password));
            }
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            db.executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            System.out.println("NEO4J FAILED " + rootMessage(e));
            System.exit(1);
        }

        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("NEO4J READY bolt://127.0.0.1:" + o.port + " (" + ms + " ms)");
        System.out.flush();

        if (o.exitOnStdinClose) watchStdin();
        stopped.await();
    }

    /** The {@code --setting} lines as a neo4j.conf-style file in the data directory (rewritten at every start). */
    private static Path writeSettings(Path dataDir, List<String> settings) throws IOException {
        Path file = dataDir.resolve("launcher-settings.conf");
        Files.write(file, settings);
        return file;
    }

    /** Exits (running the shutdown hook) once stdin reaches end of file: the parent process has gone. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buf = new byte[256];
                while (in.read(buf) >= 0) {
                    // ignore input; only the end of the stream matters
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of file
            }
            System.exit(0);
        }, "stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(" <- ").append(t.getMessage());
        }
        return sb.toString().replace('\n', ' ');
    }

    private record Options(
            int port, Path dataDir, String password, long pageCacheMiB, List<String> settings, boolean exitOnStdinClose) {
        static Options parse(String[] args) {
            int port = 7687;
            Path dataDir = null;
            String password = emptyToNull(System.getenv("NEO4J_PASSWORD"));
            long pageCache = 256;
            boolean exitOnStdinClose = false;
            List<String> settings = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                    case "--password" -> password = emptyToNull(value(args, ++i, a));
                    case "--page-cache-mib" -> pageCache = Long.parseLong(value(args, ++i, a));
                    case "--setting" -> settings.add(setting(value(args, ++i, a)));
                    case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("--port must be 1-65535");
            if (pageCache < 8 || pageCache > 65536) throw new IllegalArgumentException("--page-cache-mib must be 8-65536");
            if (dataDir == null) dataDir = repoRoot().resolve("var").resolve("neo4j");
            return new Options(port, dataDir.toAbsolutePath().normalize(), password, pageCache, List.copyOf(settings), exitOnStdinClose);
        }

        private static String setting(String s) {
            int eq = s.indexOf('=');
            if (eq <= 0 || s.indexOf('\n') >= 0) throw new IllegalArgumentException("--setting must be <key>=<value>, got " + s);
            return s;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) throw new IllegalArgumentException(name + " needs a value");
            return args[i];
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        /** The repository root: this class lives in scripts/neo4j/target/classes. */
        private static Path repoRoot() {
            try {
                Path classes = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return classes.getParent().getParent().getParent().getParent();
            } catch (URISyntaxException | NullPointerException e) {
                return Path.of("").toAbsolutePath();
            }
        }
    }
}
