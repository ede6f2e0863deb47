package games.analytics.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Operators' command line for tokens, run from either service jar:
 * {@code JWT_SECRET=... java -cp query-service.jar games.analytics.security.MintToken --sub alice --roles analyst --ttl 30d}.
 * The secret comes from the environment, never from the arguments (those show up in {@code ps}).
 */
public final class MintToken {

    private static final String USAGE = """
            usage: MintToken --sub NAME --roles ROLE[,ROLE] [--ttl 30d] [--dev]
              --sub    the token's subject (who it is for)
              --roles  any of %s
              --ttl    lifetime: 45s, 15m, 12h, 30d or ISO-8601 (PT8H); default 1d
              --dev    sign with the public development key (services started with MICRONAUT_ENVIRONMENTS=dev)
            The secret is read from the environment variable JWT_SECRET.""".formatted(String.join(", ", Roles.ALL));

    private MintToken() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args, System.getenv("JWT_SECRET")));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static String run(String[] args, String secretFromEnv) {
        String subject = null;
        List<String> roles = null;
        Duration ttl = Duration.ofDays(1);
        boolean dev = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sub" -> subject = value(args, ++i, "--sub");
                case "--roles" -> roles = Roles.parse(value(args, ++i, "--roles"));
                case "--ttl" -> ttl = ttl(value(args, ++i, "--ttl"));
                case "--dev" -> dev = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("--sub is required");
        }
        if (roles == null) {
            throw new IllegalArgumentException("--roles is required");
        }
        if (ttl.compareTo(TokenLifetimeValidator.DEFAULT_MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl is above 90d, the longest lifetime the services accept (JWT_MAX_TTL)");
        }
        String secret = dev ? JwtKeys.DEV_SECRET : secretFromEnv;
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("JWT_SECRET is not set (or pass --dev for a service in the dev environment)");
        }
        return new TokenMinter(secret).mint(subject, roles, ttl);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    static Duration ttl(String text) {
        try {
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return positive(Duration.parse(text));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return positive(switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("bad unit");
            });
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--ttl '" + text + "' is not a lifetime such as 45s, 15m, 12h, 30d or PT8H");
        }
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("not positive");
        }
        return d;
    }
}
