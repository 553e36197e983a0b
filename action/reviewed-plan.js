// Finds the plan that was reviewed for the commit being applied: the pull request merged as this commit, the
// newest successful run of this workflow for its head commit, and that run's plan artifact. Sets the outputs
// run-id and artifact for actions/download-artifact, or fails saying why nothing can be applied.
'use strict';

async function find({ github, context, core }, { artifact }) {
  const { owner, repo } = context.repo;
  const pulls = await github.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: context.sha });
  const pull = pulls.data.find((p) => p.merged_at && p.merge_commit_sha === context.sha) || pulls.data.find((p) => p.merged_at);
  if (!pull) {
    core.setFailed(`no merged pull request for ${context.sha}: apply only applies a plan reviewed in a pull request`);
    return;
  }
  const run = await github.rest.actions.getWorkflowRun({ owner, repo, run_id: context.runId });
  const runs = await github.paginate(github.rest.actions.listWorkflowRuns, {
    owner, repo, workflow_id: run.data.workflow_id, event: 'pull_request', head_sha: pull.head.sha, status: 'success',
    per_page: 100,
  });
  runs.sort((a, b) => new Date(b.created_at) - new Date(a.created_at));
  for (const candidate of runs) {
    const artifacts = await github.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: candidate.id, name: artifact });
    if (artifacts.data.artifacts.some((a) => !a.expired)) {
      core.info(`the reviewed plan: pull request #${pull.number}, run ${candidate.html_url}`);
      core.setOutput('run-id', String(candidate.id));
      core.setOutput('artifact', artifact);
      core.setOutput('pull-request', String(pull.number));
      return;
    }
  }
  core.setFailed(
    `pull request #${pull.number} has no successful plan for its last commit ${pull.head.sha.slice(0, 12)}: ` +
      'nothing was applied; re-run its workflow, then apply');
}

module.exports = { find };
