// The default changelog templates (Handlebars, for conventional-changelog-writer). Mirrored in
// resources/changelog/*.hbs.txt for users to copy into `.release-desk/changelog.hbs`; a test keeps
// the two identical. Bundled as code because the packaged app ships only dist/.

export const mainTemplate = `{{> header}}
{{#each noteGroups}}

### ⚠ {{title}}

{{#each notes}}
* {{#if commit.scope}}**{{commit.scope}}:** {{/if}}{{text}}
{{/each}}
{{/each}}
{{#each commitGroups}}

### {{title}}

{{#each commits}}
{{> commit root=@root}}
{{/each}}
{{/each}}
{{> footer}}
`;

export const headerPartial = `## {{#if compareUrl}}[{{version}}]({{compareUrl}}){{else}}{{version}}{{/if}} ({{date}})
`;

export const commitPartial = `* {{#if scope}}**{{scope}}:** {{/if}}{{subject}} {{#if commitUrl}}([{{shortHash}}]({{commitUrl}})){{else}}({{shortHash}}){{/if}}{{#if references}}, closes{{#each references}} {{#if url}}[{{raw}}]({{url}}){{else}}{{raw}}{{/if}}{{/each}}{{/if}}
`;

export const footerPartial = `{{#if contributors}}

### Contributors

{{#each contributors}}
* {{name}}
{{/each}}
{{/if}}
`;
