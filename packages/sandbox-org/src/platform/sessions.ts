/**
 * Access and refresh tokens of every org. Access tokens never expire on their own: a sandbox that
 * answered 401 to a freshly issued token would send jsforce into endless refresh loops. They end
 * only when the control API invalidates them or a client revokes them.
 */
import { newAccessToken, newRefreshToken } from './ids.ts';

/** Who a token belongs to. */
export interface SessionOwner {
  orgId: string;
  userId: string;
}

/** Token registry shared by every org of one sandbox. */
export class SessionStore {
  private readonly access = new Map<string, SessionOwner>();
  private readonly refresh = new Map<string, SessionOwner>();
  private readonly accessByOrg = new Map<string, Set<string>>();

  /** Issue a new access token for the org's user. */
  issueAccess(owner: SessionOwner): string {
    const token = newAccessToken(owner.orgId);
    this.access.set(token, owner);
    let tokens = this.accessByOrg.get(owner.orgId);
    if (!tokens) this.accessByOrg.set(owner.orgId, (tokens = new Set()));
    tokens.add(token);
    return token;
  }

  /** Issue a new refresh token for the org's user. */
  issueRefresh(owner: SessionOwner): string {
    const token = newRefreshToken();
    this.refresh.set(token, owner);
    return token;
  }

  /** The owner of a live access token, or undefined. */
  resolveAccess(token: string): SessionOwner | undefined {
    return this.access.get(token);
  }

  /** The owner of a live refresh token, or undefined. */
  resolveRefresh(token: string): SessionOwner | undefined {
    return this.refresh.get(token);
  }

  /** End one access token of an org; false when it was not a live token of that org. */
  invalidateAccess(orgId: string, token: string): boolean {
    if (this.access.get(token)?.orgId !== orgId) return false;
    this.access.delete(token);
    this.accessByOrg.get(orgId)?.delete(token);
    return true;
  }

  /** End every access token of an org (refresh tokens stay valid, so clients can refresh); returns how many. */
  invalidateOrg(orgId: string): number {
    const tokens = this.accessByOrg.get(orgId);
    if (!tokens) return 0;
    for (const token of tokens) this.access.delete(token);
    this.accessByOrg.delete(orgId);
    return tokens.size;
  }

  /** OAuth revoke: end an access or refresh token; false when the token is unknown. */
  revoke(token: string): boolean {
    const owner = this.access.get(token);
    if (owner) return this.invalidateAccess(owner.orgId, token);
    return this.refresh.delete(token);
  }

  /** Forget every token of a deleted org. */
  dropOrg(orgId: string): void {
    this.invalidateOrg(orgId);
    for (const [token, owner] of this.refresh) if (owner.orgId === orgId) this.refresh.delete(token);
  }
}
