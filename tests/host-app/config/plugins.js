// The mapping a host writes for a CRM named unlike the playground. Every key replaces its default whole.
module.exports = () => ({
  segments: {
    enabled: true,
    resolve: './node_modules/strapi-plugin-segments',
    config: {
      crm: {
        contact: 'api::person.person',
        nameFields: ['givenName'],
        emailField: 'workEmail',
        unsubscribedField: 'optOut',
        company: { relation: 'organisation', nameField: 'title' },
        activities: { relation: 'interactions', occurredAtField: 'happenedAt' },
        emailEvents: null,
        // Person has an attribute called `segment`: the membership field takes another name.
        computedFields: { segment: 'inSegment' },
      },
    },
  },
});
