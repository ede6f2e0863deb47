package games.analytics.query.login;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /auth/login}; a password longer than a passphrase is refused before it is hashed. */
@Serdeable
public record LoginRequest(@Nullable @NotBlank @Size(max = 256) String username,
                           @Nullable @NotEmpty @Size(max = 1024) String password) {
}
