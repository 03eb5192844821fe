/** Bodies of the identity service (`/id/ORGID/USERID`) and of OpenID Connect userinfo. */
import type { Org } from './orgs.ts';

/** Per-API URLs with Salesforce's literal `{version}` placeholder. */
function urls(baseUrl: string, org: Org): Record<string, string> {
  const data = `${baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${baseUrl}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
    metadata: `${baseUrl}/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`,
    partner: `${baseUrl}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${baseUrl}/services/Soap/T/{version}/${org.orgId.slice(0, 15)}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${baseUrl}/${org.userId}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    custom_domain: baseUrl,
  };
}

const userName = (org: Org): string => org.username.split('@')[0] ?? org.username;

/** `GET /id/:orgId/:userId`, as jsforce's `identity()` reads it. */
export function identityBody(baseUrl: string, org: Org): Record<string, unknown> {
  const name = userName(org);
  return {
    id: `${baseUrl}/id/${org.orgId}/${org.userId}`,
    asserted_user: true,
    user_id: org.userId,
    organization_id: org.orgId,
    username: org.username,
    nick_name: name,
    display_name: `Sandbox ${name}`,
    email: org.username,
    email_verified: true,
    first_name: 'Sandbox',
    last_name: name,
    timezone: 'Etc/UTC',
    photos: { picture: `${baseUrl}/img/userprofile/default_profile_200_v2.png`, thumbnail: `${baseUrl}/img/userprofile/default_profile_45_v2.png` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(baseUrl, org),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: new Date(org.createdAt).toISOString().replace('Z', '+0000'),
    is_app_installed: true,
  };
}

/** `GET /services/oauth2/userinfo` (OpenID Connect claims; the Salesforce CLI reads these). */
export function userInfoBody(baseUrl: string, org: Org): Record<string, unknown> {
  const name = userName(org);
  return {
    sub: `${baseUrl}/id/${org.orgId}/${org.userId}`,
    user_id: org.userId,
    organization_id: org.orgId,
    preferred_username: org.username,
    nickname: name,
    name: `Sandbox ${name}`,
    email: org.username,
    email_verified: true,
    given_name: 'Sandbox',
    family_name: name,
    zoneinfo: 'Etc/UTC',
    profile: `${baseUrl}/${org.userId}`,
    urls: urls(baseUrl, org),
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    updated_at: new Date(org.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    is_app_installed: true,
  };
}
