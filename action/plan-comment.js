// The plan as ONE pull-request comment, updated in place on every push: the comment is found by a hidden marker
// (one per path, so two plans in one repository keep two comments), and the text is kept within GitHub's limit of
// 65,536 characters by dropping lines from the end with a note of how many were left out.
'use strict';
const fs = require('fs');

const LIMIT = 65536;

function marker(path) {
  return `<!-- hookctl-plan path=${path} -->`;
}

// The comment's body: the marker, then the report, cut at whole lines to fit `limit` (with any open ``` fence
// closed and a note of what was left out).
function commentBody(report, path, runURL, limit = LIMIT) {
  const head = marker(path) + '\n';
  const tail = runURL ? `\n<sub>hookctl plan of \`${path}\` · [run](${runURL})</sub>\n` : '';
  if (head.length + report.length + tail.length <= limit) return head + report + tail;
  const lines = report.split('\n');
  const note = (dropped) =>
    `\n_… ${dropped} of ${lines.length} lines left out (GitHub allows ${LIMIT.toLocaleString('en-US')} characters ` +
    'in a comment); the whole plan is in the job summary of this run._\n';
  const build = (kept) => {
    const text = lines.slice(0, kept).join('\n');
    const open = (text.match(/^```/gm) || []).length % 2 === 1;
    return head + text + '\n' + (open ? '```\n' : '') + note(lines.length - kept) + tail;
  };
  // The most lines that fit: the body grows with the lines kept (give or take a closing fence), so search, then
  // step down until it fits.
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (build(middle).length <= limit) low = middle;
    else high = middle - 1;
  }
  while (low > 0 && build(low).length > limit) low -= 1;
  return build(low).slice(0, limit);
}

// Creates the comment, or updates the one that carries the marker.
async function upsert({ github, context, core }, { reportPath, path }) {
  const report = fs.readFileSync(reportPath, 'utf8');
  const runURL = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
  const body = commentBody(report, path, runURL);
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker(path)));
  if (mine) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    core.info(`updated the plan comment ${mine.html_url || mine.id}`);
    return mine.id;
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number, body });
  core.info(`commented the plan: ${created.data.html_url || created.data.id}`);
  return created.data.id;
}

module.exports = { upsert, commentBody, marker, LIMIT };
