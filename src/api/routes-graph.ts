// GET jobs/{id}/graph.svg: the picture of a job's pipeline, for a dashboard's <img>. The job copies
// it (dot text) when its pipeline is PLAYING or fails; serve turns it into SVG here.
import { z } from 'zod';
import { ApiError } from './api-error.js';
import { BASE_PATH, type Api } from './api.js';
import type { Job } from './job.js';
import { errorBodySchema, parseQuery } from './query.js';
import type { Route, RouteContext } from './router.js';
import { jobOf } from './routes-jobs.js';

const noQuery = z.object({}).strict();

export function jobGraphRoutes(api: Api): Route[] {
  return [
    {
      method: 'GET', path: `${BASE_PATH}/jobs/{id}/graph.svg`,
      doc: { operationId: 'jobGraph', tag: 'jobs', query: noQuery,
        summary: 'The job\'s pipeline as an SVG picture (elements, pads, negotiated caps on the links): drawn from GStreamer\'s dump once it is PLAYING, redrawn at an error and for each new pipeline the job runs',
        responses: {
          200: { description: 'image/svg+xml', contentType: 'image/svg+xml' },
          404: { description: 'no job with this id, or no picture (yet): none of the job\'s pipelines has played (an rtsp server\'s media plays for its first viewer); probe and snapshot have none to draw', schema: errorBodySchema },
        } },
      handler: (c) => sendGraph(api, c),
    },
  ];
}

async function sendGraph(api: Api, c: RouteContext): Promise<void> {
  parseQuery(noQuery, c.query);
  const job = jobOf(api, c);
  const svg = await api.graphs.svg(job.id);
  if (svg === undefined) throw noGraph(job);
  const body = Buffer.from(svg);
  c.res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store' });
  c.res.end(body);
}

function noGraph(job: Job): ApiError {
  const self = job.toRecord().links.self;
  const data = { job: self, kind: job.kind, state: job.state };
  if (!job.final) {
    return new ApiError(404, `Job ${job.id} has no pipeline picture yet: it is drawn once its pipeline is PLAYING.`, {
      name: 'NoGraph', fix: `Ask again in a moment (GET ${self} shows the job's state); an rtsp server's media plays once a viewer connects.`, data,
    });
  }
  return new ApiError(404, `Job ${job.id} (${job.kind}, ${job.state}) left no pipeline picture: none of its pipelines played or failed.`, {
    name: 'NoGraph', fix: `GET ${self} shows why it ended; probe and snapshot run no pipeline that is drawn.`, data,
  });
}
