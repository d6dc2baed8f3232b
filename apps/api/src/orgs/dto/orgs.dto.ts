import { ROLES, type Role } from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation.js';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const roleMessage = `role must be one of ${ROLES.join(', ')}`;

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() createdAt: Date;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty() joinedAt: Date;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES, { message: roleMessage })
  role: Role;
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@example.com', maxLength: 254 })
  @Transform(lower)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES, { message: roleMessage })
  role: Role;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty() expiresAt: Date;
  @ApiProperty() createdAt: Date;
}

export class CreatedInvitationDto extends InvitationDto {
  @ApiProperty({ description: 'The single-use link, shown this once (it is also e-mailed)' })
  acceptUrl: string;
}

export class InvitationTokenDto {
  @ApiProperty({ maxLength: 512 })
  @IsString()
  @Length(1, 512)
  token: string;
}

export class InvitationPreviewDto {
  @ApiProperty() orgName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty() expiresAt: Date;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) orgId: string;
}
