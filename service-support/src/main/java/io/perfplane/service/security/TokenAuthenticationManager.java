package io.perfplane.service.security;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Resolves a bearer token to its holder: a static token first (a digest comparison, no network), else a JWT of the
 * configured issuer. Anything else is an invalid token (401), and the message never contains the token.
 */
final class TokenAuthenticationManager implements AuthenticationManager {

  private final StaticTokens staticTokens;
  private final @Nullable JwtAuthenticationProvider jwt;

  TokenAuthenticationManager(StaticTokens staticTokens, @Nullable JwtAuthenticationProvider jwt) {
    this.staticTokens = staticTokens;
    this.jwt = jwt;
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
      throw new InvalidBearerTokenException("a bearer token is required");
    }
    Optional<Authentication> holder = staticTokens.authenticate(bearer.getToken());
    if (holder.isPresent()) {
      return holder.get();
    }
    // Three dot-separated parts: only then is it worth asking the JWT decoder (and maybe the issuer's JWK set).
    if (jwt != null && bearer.getToken().chars().filter(c -> c == '.').count() == 2) {
      try {
        return jwt.authenticate(bearer);
      } catch (AuthenticationServiceException | JwtDecoderInitializationException e) {
        // The issuer's discovery document or keys cannot be fetched: the token cannot be verified, so it is not
        // accepted (401), rather than a 500 for the client.
        throw new InvalidBearerTokenException("the token's issuer cannot be reached to verify it", e);
      }
    }
    throw new InvalidBearerTokenException("the bearer token is not valid here");
  }
}
