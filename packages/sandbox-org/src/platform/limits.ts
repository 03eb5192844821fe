/**
 * `GET /limits`: DailyApiRequests from the org's rolling window, and the other limits a Developer
 * Edition org reports, static, so clients that read the whole map find a realistic one.
 */
import type { WindowUsage } from './rolling-window.ts';

type Limit = { Max: number; Remaining: number };

const STATIC_LIMITS: Record<string, [max: number, remaining: number]> = {
  ActiveScratchOrgs: [3, 3],
  AnalyticsExternalDataSizeMB: [40960, 40960],
  ConcurrentAsyncGetReportInstances: [200, 200],
  ConcurrentEinsteinDataInsightsStoryCreation: [5, 5],
  ConcurrentEinsteinDiscoveryStoryCreation: [2, 2],
  ConcurrentSyncReportRuns: [20, 20],
  DailyAnalyticsDataflowJobExecutions: [60, 60],
  DailyAnalyticsUploadedFilesSizeMB: [51200, 51200],
  DailyAsyncApexExecutions: [250000, 250000],
  DailyAsyncApexTests: [500, 500],
  DailyBulkApiBatches: [15000, 15000],
  DailyBulkV2QueryFileStorageMB: [976562, 976562],
  DailyBulkV2QueryJobs: [10000, 10000],
  DailyDeliveredPlatformEvents: [10000, 10000],
  DailyDurableGenericStreamingApiEvents: [10000, 10000],
  DailyDurableStreamingApiEvents: [10000, 10000],
  DailyEinsteinDataInsightsStoryCreation: [1000, 1000],
  DailyEinsteinDiscoveryPredictAPICalls: [50000, 50000],
  DailyEinsteinDiscoveryPredictionsByCDC: [500000, 500000],
  DailyEinsteinDiscoveryStoryCreation: [100, 100],
  DailyFunctionsApiCallLimit: [235000, 235000],
  DailyGenericStreamingApiEvents: [10000, 10000],
  DailyScratchOrgs: [6, 6],
  DailyStandardVolumePlatformEvents: [10000, 10000],
  DailyStreamingApiEvents: [10000, 10000],
  DailyWorkflowEmails: [15, 15],
  DataStorageMB: [5, 5],
  DurableStreamingApiConcurrentClients: [20, 20],
  FileStorageMB: [20, 20],
  HourlyAsyncReportRuns: [1200, 1200],
  HourlyDashboardRefreshes: [200, 200],
  HourlyDashboardResults: [5000, 5000],
  HourlyDashboardStatuses: [999999999, 999999999],
  HourlyLongTermIdMapping: [100000, 100000],
  HourlyManagedContentPublicRequests: [50000, 50000],
  HourlyODataCallout: [10000, 10000],
  HourlyPublishedPlatformEvents: [50000, 50000],
  HourlyPublishedStandardVolumePlatformEvents: [1000, 1000],
  HourlyShortTermIdMapping: [100000, 100000],
  HourlySyncReportRuns: [500, 500],
  HourlyTimeBasedWorkflow: [50, 50],
  MassEmail: [10, 10],
  MonthlyEinsteinDiscoveryStoryCreation: [500, 500],
  MonthlyPlatformEventsUsageEntitlement: [300000, 300000],
  Package2VersionCreates: [6, 6],
  Package2VersionCreatesWithoutValidation: [500, 500],
  PermissionTypeLicenses: [150, 150],
  PrivateConnectOutboundCalloutHourlyLimitMB: [0, 0],
  PublishCallbackUsageInApex: [5242880, 5242880],
  SingleEmail: [15, 15],
  StreamingApiConcurrentClients: [20, 20],
};

/** The `/limits` body for an org whose window stands at `usage` (this call included). */
export function limitsBody(usage: WindowUsage): Record<string, Limit> {
  const body: Record<string, Limit> = {};
  for (const [name, [max, remaining]] of Object.entries(STATIC_LIMITS)) {
    body[name] = { Max: max, Remaining: remaining };
    // Keep Salesforce's alphabetical order, with DailyApiRequests in its place.
    if (name === 'DailyAnalyticsUploadedFilesSizeMB') body.DailyApiRequests = { Max: usage.max, Remaining: usage.remaining };
  }
  return body;
}
