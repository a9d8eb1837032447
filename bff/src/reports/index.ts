// The 办不成事 / 好差评 domain (issue 16; DESIGN.md §3 Report, Rating; §4): reports and their loop
// (service.ts) and their photos (photos.ts), ratings (ratings.ts), rectification cases (rectifications.ts), the staff desk and
// the escalation step (desk.ts), deadlines in working days (sla.ts). Its services are decorators;
// its policy actions: policy.ts; its notification kinds: notifications.ts; its job steps: jobs.ts.
import fp from 'fastify-plugin';
import { jobTimer } from '../lib/job-timer';
import { DeskService } from './desk';
import { ReportPhotoService } from './photos';
import { runReportJobs } from './jobs';
import { RatingService } from './ratings';
import { RectificationService } from './rectifications';
import { ReportService } from './service';

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportService;
    reportPhotos: ReportPhotoService;
    ratings: RatingService;
    rectifications: RectificationService;
    desk: DeskService;
  }
}

export default fp(
  async (app) => {
    app.decorate('reports', new ReportService(app));
    app.decorate('reportPhotos', new ReportPhotoService(app));
    app.decorate('ratings', new RatingService(app));
    app.decorate('rectifications', new RectificationService(app));
    app.decorate('desk', new DeskService(app));
    await app.register(
      jobTimer({
        name: 'report-jobs',
        enabled: (instance) => instance.config.reportJobsEnabled,
        intervalMs: (instance) => instance.config.REPORT_JOBS_INTERVAL_MS,
        run: runReportJobs,
      }),
    );
  },
  { name: 'reports', dependencies: ['notify', 'policy', 'audit'] },
);
