import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { OutboundHardening } from './outbound';

export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = AuthenticatedRequest['claimsIdentity'];
type ConnectorFactory = NonNullable<AuthenticatedRequest['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** A small LRU of promises: a rejected one is dropped so the next call tries again. */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const made = make();
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return made;
  }
}

/** The bot's app id as the SDK reads it from the claims (audience for channels, appid for the Emulator). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue('aud') ?? identity.getClaimValue('appid') ?? '';
}

/**
 * ConfigurationBotFrameworkAuthentication that reuses the outbound clients it builds instead of building new ones on
 * every turn. Profiling the stock adapter shows most of a turn's CPU going into constructing a ConnectorClient
 * (an @azure/core-client pipeline: ~10 policies, a sanitizer, proxy settings from the environment) and a
 * UserTokenClient, per request, even when the replies go back in the HTTP response (expectReplies) and neither is
 * used. Both are stateless apart from their credentials (which cache and refresh their own tokens), so one per
 * (app id, service URL, audience) serves every conversation, as the older BotFrameworkAdapter did with its
 * connector-client cache. Authentication itself is untouched: every request is still validated in full by
 * `authenticateRequest`; only what it hands back for outbound calls is shared. The caches are bounded (LRU), so
 * made-up service URLs (possible only with authentication off) cannot grow memory.
 *
 * Each client is built with bounded timeouts and retries and no redirects (`outbound` below, server/outbound.ts).
 */
export class TriageAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new PromiseCache<ConnectorClient>(64);
  private readonly userTokenClients = new PromiseCache<UserTokenClient>(16);
  readonly outbound: OutboundHardening;

  constructor(configuration: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0], outbound: OutboundHardening = new OutboundHardening()) {
    super(configuration);
    this.outbound = outbound;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticatedRequest> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const caching: ConnectorFactory = {
      create: (serviceUrl: string, audience?: string) =>
        this.connectorClients.get(JSON.stringify([appId, serviceUrl, audience ?? null]), async () => this.outbound.harden(await factory.create(serviceUrl, audience))),
    };
    return { ...result, connectorFactory: caching };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * CloudAdapter with one more entry point: run a turn for a request the caller has already authenticated (the
 * route authenticates first so it can answer 401 for every kind of token failure, never 500).
 */
export class TriageAdapter extends CloudAdapter {
  runAuthenticated(authenticated: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
